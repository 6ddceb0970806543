import { SPEAKER_LIMITS } from "@/lib/curate/speakers";
import type { SpeakerLimits } from "./speaker-form";

/** The speaker form's limits, the same as the service's (lib/curate/speakers.ts). */
export const SPEAKER_FORM_LIMITS: SpeakerLimits = {
  name: SPEAKER_LIMITS.nameMaxLength,
  role: SPEAKER_LIMITS.roleMaxLength,
  affiliation: SPEAKER_LIMITS.affiliationMaxLength,
  alias: SPEAKER_LIMITS.aliasMaxLength,
  aliasesMax: SPEAKER_LIMITS.aliasesMaxItems,
  country: SPEAKER_LIMITS.countryMaxLength,
  description: SPEAKER_LIMITS.descriptionMaxLength,
};
