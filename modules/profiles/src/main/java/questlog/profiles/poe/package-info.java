/**
 * The Path of Exile profile plugin ({@link questlog.profiles.poe.PoePlugin}): the owner's characters
 * through the official API, with an OAuth client (authorization code with PKCE, refresh before
 * expiry, tokens sealed with {@code common.SecretBox}) and the API's {@code X-Rate-Limit-*} rules
 * followed. No tables, no routes of its own.
 */
package questlog.profiles.poe;
