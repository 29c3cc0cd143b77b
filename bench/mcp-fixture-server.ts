import { startHttpFixture } from '../test/mcp-runtime/fixtures/http-server.js'

/** The test suite's Streamable HTTP fixture MCP server, on PORT, for the gateway benchmark. */
await startHttpFixture('streamable-http', Number(process.env.PORT))
