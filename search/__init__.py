"""Search: embeddings, FAISS and BM25 indexes, hybrid retrieval and question answering."""
