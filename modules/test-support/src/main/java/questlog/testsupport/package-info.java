/**
 * Test scope only. {@link questlog.testsupport.TestDatabase} gives each test class a fresh
 * PostgreSQL database created from the migrated schema, on the server named by
 * TEST_DATABASE_URL, or else on an embedded PostgreSQL started once per JVM.
 * {@link questlog.testsupport.FakeIgdb} is a local IGDB v4 and Twitch token server over a
 * {@link questlog.testsupport.FakeIgdbCatalog}, with IGDB's wire format, errors and rate limit,
 * for testing IGDB clients without the network. {@link questlog.testsupport.FakeSteam} is a
 * local Steam Web API over in-memory accounts, with Steam's privacy answers, HTML error pages and
 * throttling.
 */
package questlog.testsupport;
