"""The shared register: the field catalogue (the one declaration of every attribute), what the register's rule
violations mean in words, and the county's review."""
