"""Business operations: plain arguments in (the acting user included), flush, never commit."""
