"""Plain mode: one scenario as numbered text prompts, for screen readers, scripts and pipes."""
