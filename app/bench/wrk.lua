-- wrk script shared by every load in run.sh.
--
-- Without BENCH_SLUGS it sends the URL given on wrk's command line, unchanged.
-- With BENCH_SLUGS=<file> (one slug per line) and BENCH_PREFIX=/api/games/, each
-- request asks for BENCH_PREFIX .. <a random slug from the file>.
--
-- At the end it prints one machine-readable line for report.py:
--   BENCH_JSON {"requests":..,"duration_us":..,"bytes":..,"p50_us":..,"p90_us":..,
--               "p99_us":..,"max_us":..,"errors_status":..,"errors_connect":..,...}
-- (wrk counts a response with status >= 400 in errors.status.)

local slugs_file = os.getenv("BENCH_SLUGS")
local prefix = os.getenv("BENCH_PREFIX") or "/"

if slugs_file and slugs_file ~= "" then
  local paths = {}
  for line in io.lines(slugs_file) do
    if line ~= "" then
      paths[#paths + 1] = prefix .. line
    end
  end
  assert(#paths > 0, "no slugs in " .. slugs_file)

  local counter = 0
  setup = function(thread)
    counter = counter + 1
    thread:set("seed", counter)
  end

  init = function(args)
    math.randomseed((tonumber(seed) or 1) * 7919 + os.time())
  end

  request = function()
    return wrk.format("GET", paths[math.random(#paths)])
  end
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests":%d,"duration_us":%d,"bytes":%d,"p50_us":%d,"p90_us":%d,"p99_us":%d,' ..
    '"max_us":%d,"mean_us":%.1f,"errors_status":%d,"errors_connect":%d,"errors_read":%d,' ..
    '"errors_write":%d,"errors_timeout":%d}\n',
    summary.requests, summary.duration, summary.bytes,
    latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency.max, latency.mean, e.status, e.connect, e.read, e.write, e.timeout))
end
