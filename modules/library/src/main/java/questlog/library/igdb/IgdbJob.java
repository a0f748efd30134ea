package questlog.library.igdb;

import java.util.Optional;
import questlog.common.JobContext;
import questlog.common.JobHandler;

/** A library job that needs IGDB: runs the handler when IGDB is configured, else fails saying how to configure it. */
public record IgdbJob(String type, Optional<JobHandler> handler) implements JobHandler {

    @Override
    public Object run(JobContext context) throws Exception {
        if (handler.isEmpty()) {
            throw new IllegalStateException(IgdbGateway.NOT_CONFIGURED);
        }
        return handler.get().run(context);
    }
}
