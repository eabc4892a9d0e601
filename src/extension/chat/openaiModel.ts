// Moved to core (serve's /chat page runs the same model); the editor loads it from here on first use.
export * from '../../core/chat/openaiModel';
