// Vitest aliases `server-only` here: tests import server modules outside the react-server condition.
export {};
