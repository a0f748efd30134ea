package questlog.mcp;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The lines between stdio and the SDK's stdio transport. The SDK stops reading for good at the
 * first line it cannot parse, and answers nothing; so every line of standard input is checked
 * here first ({@link JsonRpcCheck}): blank lines are skipped, a bad one is answered with a
 * JSON-RPC error and the next lines are still served, and only good ones reach the SDK. Its
 * answers go out whole lines at a time (ours and the SDK's never interleave), and the requests
 * still unanswered are counted, so that the end of input can wait for their answers.
 */
final class StdioLines {
    /** The longest line read, as the SDK's own stdio transport allows. */
    static final int MAX_LINE_CHARS = 16 * 1024 * 1024;
    private static final byte[] END = new byte[0];
    private static final JsonFactory JSON = new JsonFactory();

    private final Reader in;
    private final OutputStream out;
    private final BlockingQueue<byte[]> forwarded = new LinkedBlockingQueue<>();
    private final Set<String> unanswered = ConcurrentHashMap.newKeySet();

    StdioLines(InputStream in, OutputStream out) {
        this.in = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        this.out = out;
    }

    /** What the SDK reads: the good lines, then the end once {@link #end} is called. */
    InputStream input() {
        return new Forwarded();
    }

    /** Where the SDK writes: whole lines reach standard output, each answer counted. */
    OutputStream output() {
        return new Answers();
    }

    /**
     * Reads standard input until it ends (or standard output is gone), answering bad lines and
     * passing good ones on.
     */
    void pump() throws InterruptedException {
        try {
            StringBuilder line = new StringBuilder();
            boolean tooLong = false;
            int c;
            while ((c = in.read()) >= 0) {
                if (c != '\n') {
                    if (line.length() < MAX_LINE_CHARS) {
                        line.append((char) c);
                    } else {
                        tooLong = true;
                    }
                    continue;
                }
                take(line.toString(), tooLong);
                line.setLength(0);
                tooLong = false;
            }
            take(line.toString(), tooLong);
        } catch (IOException e) {
            // Standard input or output is gone: there is no one left to answer.
        }
    }

    private void take(String line, boolean tooLong) throws IOException, InterruptedException {
        if (tooLong) {
            writeLine(JsonRpcCheck.answer(NullNode.instance,
                    JsonRpcCheck.INVALID_REQUEST, "Invalid Request: a message is at most " + MAX_LINE_CHARS
                            + " characters").toString());
            return;
        }
        if (line.isBlank()) {
            return;
        }
        JsonRpcCheck.Result checked = JsonRpcCheck.check(line);
        if (!checked.ok()) {
            writeLine(checked.error().toString());
            return;
        }
        if (checked.request()) {
            unanswered.add(key(checked.id()));
        }
        forwarded.put((line.strip() + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Waits until every request passed on has been answered, for at most {@code limit}. */
    void awaitAnswers(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        synchronized (unanswered) {
            long left;
            while (!unanswered.isEmpty() && (left = deadline - System.nanoTime()) > 0) {
                unanswered.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    /** The SDK's input ends. */
    void end() {
        forwarded.add(END);
    }

    private void writeLine(String line) throws IOException {
        synchronized (out) {
            out.write(line.getBytes(StandardCharsets.UTF_8));
            out.write('\n');
            out.flush();
        }
    }

    private static String key(JsonNode id) {
        return id.isTextual() ? "s:" + id.textValue() : "n:" + id.bigIntegerValue();
    }

    /** The id of an answer (a line with an id and no method), or null. */
    private static String answerId(byte[] line, int length) {
        try (JsonParser parser = JSON.createParser(line, 0, length)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            String id = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (name.equals("method")) {
                    return null;
                } else if (name.equals("id") && value == JsonToken.VALUE_STRING) {
                    id = "s:" + parser.getText();
                } else if (name.equals("id") && value == JsonToken.VALUE_NUMBER_INT) {
                    id = "n:" + parser.getBigIntegerValue();
                } else {
                    parser.skipChildren();
                }
            }
            return id;
        } catch (IOException e) {
            return null;
        }
    }

    private final class Forwarded extends InputStream {
        private byte[] current = new byte[0];
        private int position;
        private boolean ended;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            while (position >= current.length) {
                if (ended) {
                    return -1;
                }
                try {
                    current = forwarded.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("stopped");
                }
                position = 0;
                ended = current == END;
            }
            int n = Math.min(len, current.length - position);
            System.arraycopy(current, position, b, off, n);
            position += n;
            return n;
        }
    }

    private final class Answers extends OutputStream {
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            int start = off;
            int end = off + len;
            for (int i = off; i < end; i++) {
                if (b[i] == '\n') {
                    line.write(b, start, i - start);
                    send();
                    start = i + 1;
                }
            }
            line.write(b, start, end - start);
        }

        private void send() throws IOException {
            byte[] bytes = line.toByteArray();
            line.reset();
            synchronized (out) {
                out.write(bytes);
                out.write('\n');
                out.flush();
            }
            String id = answerId(bytes, bytes.length);
            if (id != null && unanswered.remove(id)) {
                synchronized (unanswered) {
                    unanswered.notifyAll();
                }
            }
        }

        @Override
        public void flush() throws IOException {
            synchronized (out) {
                out.flush();
            }
        }
    }
}
