"""State changes for clients, families, consent and intake. Each function is atomic,
validated, and records the acting user and a change reason in history."""
