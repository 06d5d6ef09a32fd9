import express from 'express';
import { createHelpdeskyHandler, toNodeHandler } from 'helpdesky-react/server';
import { getSessionUser } from './sessions.js';

const helpdesky = createHelpdeskyHandler({
  getUser: (request) => getSessionUser(request.headers.get('cookie')),
});

export const app = express();

app.get('/api/helpdesky', toNodeHandler(helpdesky));

// The Vite build (`vite build` writes dist/), and index.html for the client-side routes.
app.use(express.static('dist'));
app.get('/{*path}', (_request, response) => response.sendFile('index.html', { root: 'dist' }));
