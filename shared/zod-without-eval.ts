import { z } from 'zod';

// The UIs run under a Content-Security-Policy without 'unsafe-eval'. Left alone, zod probes
// whether it may compile parsers with Function(): the probe is caught, but the browser reports it
// as a violation. A UI that validates with zod imports this first, and zod validates without
// compiling.
z.config({ jitless: true });
