-- Trigram similarity powers fuzzy name search (accounts, contacts, leads).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
