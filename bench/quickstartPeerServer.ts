/**
 * The peer a developer would write from Twilio's quickstart: restify, the form body parser,
 * `twilio.validateRequest` on every webhook and a `MessagingResponse` reply; no state, no NLU, no store.
 * What our server does beyond this is what a turn costs.
 */
import restify from 'restify';
import twilio from 'twilio';

const authToken = process.env.TWILIO_AUTH_TOKEN ?? '';
const publicBaseUrl = process.env.PUBLIC_BASE_URL ?? '';
const server = restify.createServer();
server.use(restify.plugins.bodyParser({ mapParams: false }));
server.post('/api/sms', (req, res, next) => {
  const signature = req.header('x-twilio-signature');
  if (!twilio.validateRequest(authToken, signature, `${publicBaseUrl}${req.url}`, req.body)) {
    res.send(403, { error: 'invalid signature' });
    next();
    return;
  }
  const twiml = new twilio.twiml.MessagingResponse();
  twiml.message('Hei! Jeg er en chatbot. Skriv hva du lurer på.');
  res.sendRaw(200, twiml.toString(), { 'content-type': 'text/xml; charset=utf-8' });
  next();
});
server.listen(Number(process.argv[2] ?? 0), '127.0.0.1', () => {
  console.log(`listening ${server.address().port}`);
});
