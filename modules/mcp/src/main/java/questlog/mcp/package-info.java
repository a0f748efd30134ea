/**
 * The MCP bridge for AI assistants, on the official MCP Java SDK: the same tools and resources
 * over Streamable HTTP at {@code POST /mcp} inside the server ({@link questlog.mcp.McpModule}) and
 * over stdio in {@code questlog mcp} ({@link questlog.mcp.McpStdio}). Owns no table: every tool is
 * a client of the HTTP API ({@link questlog.mcp.QuestlogApi}), so tokens, scopes, private reads
 * and validation are the API's own.
 */
package questlog.mcp;
