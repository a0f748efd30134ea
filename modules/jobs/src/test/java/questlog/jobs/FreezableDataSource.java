package questlog.jobs;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A data source that can be frozen: from then on every caller asking for a connection waits, as
 * the threads of a hung or killed process never reach the database again. Its scheduler can then
 * neither renew its leases nor finish anything, which is what another instance must cope with.
 */
final class FreezableDataSource implements DataSource {
    private final DataSource delegate;
    private volatile CountDownLatch frozen;

    FreezableDataSource(DataSource delegate) {
        this.delegate = delegate;
    }

    void freeze() {
        frozen = new CountDownLatch(1);
    }

    void thaw() {
        CountDownLatch gate = frozen;
        frozen = null;
        if (gate != null) {
            gate.countDown();
        }
    }

    private void pass() throws SQLException {
        CountDownLatch gate = frozen;
        if (gate != null) {
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted while frozen", e);
            }
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        pass();
        return delegate.getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        pass();
        return delegate.getConnection(username, password);
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return delegate.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        delegate.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        delegate.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return delegate.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return delegate.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return delegate.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return delegate.isWrapperFor(iface);
    }
}
