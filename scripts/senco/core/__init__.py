"""What every stage shares: one-line errors, atomic file writing, column contracts, config
checking, the rule adapters' wrapper, the LA lookups, and the workflow's own machinery (which
modules each rule runs, what a failed run leaves behind)."""
