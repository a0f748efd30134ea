/**
 * Test scope only. {@link questlog.testsupport.TestDatabase} gives each test class a fresh
 * PostgreSQL database created from the migrated schema, on the server named by
 * TEST_DATABASE_URL, or else on an embedded PostgreSQL started once per JVM.
 */
package questlog.testsupport;
