"""Stage 3 of the pipeline: models and change sets → text for people and programs."""
