import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App } from './App.js';
// The library's optional stylesheet for its default states, themed by the demo's own colours below it.
import 'helpdesky-react/styles.css';
import './styles.css';

// One QueryClient for the app: the session and the Ticket Center's identity both live in it,
// so signing in or out can invalidate the identity.
const queryClient = new QueryClient();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
);
