"""Documents of the dues module: the letters a union sends to an employer (docs/dues.md section 2)."""
