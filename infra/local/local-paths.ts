// Paths the local server answers itself, outside the route table (the server refuses to start if a
// route claims one): the local stack's readiness, for `npm start`, scripts and tests that wait for it.
export const LOCAL_HEALTH_PATH = '/_local/health';
