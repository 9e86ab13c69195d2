-- Runs once when the pgvector container creates its database (as the superuser).
CREATE EXTENSION IF NOT EXISTS vector;
