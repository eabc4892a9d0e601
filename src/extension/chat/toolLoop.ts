// Moved to core (the loop and the OpenAI-compatible model serve the editor's chat and serve's /chat page alike).
export * from '../../core/chat/toolLoop';
