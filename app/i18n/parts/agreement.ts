/** UI text for the agreement screens, Swedish first; English must have every key. */
export const sv = {
} as const;

export const en: Record<keyof typeof sv, string> = {
};
