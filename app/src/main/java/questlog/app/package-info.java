/**
 * The composition root and the only wiring point: command line ({@link questlog.app.Main}),
 * configuration ({@link questlog.app.AppConfig}), the database (embedded or external, migrated
 * with Flyway), the HTTP server ({@link questlog.app.App}), the one error format
 * ({@link questlog.app.ProblemMappers}), bearer-token access ({@link questlog.app.Auth}),
 * health, metrics and the read cache. Owns the {@code api_token} table.
 */
package questlog.app;
