"""Plans: a routine with its own exercises and pictures, as one file a clinician can hand
over (a routine YAML, or a `.backease` archive when it has pictures), imported into and
exported from a person's folders without a window."""
