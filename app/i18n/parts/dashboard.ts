/** UI text for the dashboard screens, Swedish first; English must have every key. */
export const sv = {
} as const;

export const en: Record<keyof typeof sv, string> = {
};
