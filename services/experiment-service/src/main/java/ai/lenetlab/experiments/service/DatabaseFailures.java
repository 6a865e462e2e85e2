package ai.lenetlab.experiments.service;

import java.sql.SQLException;
import java.sql.SQLTransientException;
import org.hibernate.exception.JDBCConnectionException;

/** Tells failures that pass when PostgreSQL is back (connection lost, server shutting down) from real errors. */
public final class DatabaseFailures {

    private DatabaseFailures() {}

    /**
     * SQLSTATE classes 08 (connection exception), 57 (operator intervention: shutdown, restart) and 40
     * (transaction rollback: a deadlock or serialization failure, which passes when tried again).
     */
    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientException || t instanceof JDBCConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql
                    && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08")
                            || sql.getSQLState().startsWith("57")
                            || sql.getSQLState().startsWith("40"))) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    public static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
