// The tag our language-model tools carry in package.json; the chat loop filters vscode.lm.tools by it.
export const TOOL_TAG = 'etcd-analyzer';
