"""Language-aware text tools: decoding bytes, telling languages and scripts apart, finding chapters."""
