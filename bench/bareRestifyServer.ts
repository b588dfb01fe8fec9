/** The baseline: a bare restify route that answers every webhook with a constant TwiML. */
import restify from 'restify';

const TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response><Message>Hei! Jeg er en chatbot.</Message></Response>';
const server = restify.createServer();
server.use(restify.plugins.bodyParser({ mapParams: false }));
server.post('/api/sms', (_req, res, next) => {
  res.sendRaw(200, TWIML, { 'content-type': 'text/xml; charset=utf-8' });
  next();
});
server.listen(Number(process.argv[2] ?? 0), '127.0.0.1', () => {
  const address = server.address();
  console.log(`listening ${address.port}`);
});
