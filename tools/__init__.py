"""Developer tools: form compilation, translations, screenshots. Not shipped in the app."""
