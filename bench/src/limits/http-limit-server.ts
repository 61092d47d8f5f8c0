// The HTTP limit: express 5, the gateway's framework, parsing the same JSON request and answering
// a real payment's JSON (captured with the SQL) — no auth, no database, no acquirer.
import express from 'express';
import { loadPaymentSql } from '../sql/replay.js';

const body = loadPaymentSql().response_body;
const app = express();
app.disable('x-powered-by');
app.post('/v1/payments', express.json({ limit: '1mb' }), (_req, res) => {
  res.status(201).type('application/json').send(body);
});
const server = app.listen(0, '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  console.log(`http limit server listening on http://127.0.0.1:${port}`);
});
server.keepAliveTimeout = 65_000;
process.on('SIGTERM', () => server.close(() => process.exit(0)));
