import { SPEAKER_LIMITS } from "@/lib/curate/speakers";
import { TOPIC_LIMITS } from "@/lib/curate/topics";

// The speaker and topic forms' limits, the same as the services' (the client
// forms get them from the pages: they cannot import the services).

export type SpeakerLimits = {
  name: number;
  role: number;
  affiliation: number;
  alias: number;
  aliasesMax: number;
  country: number;
  description: number;
};

export const SPEAKER_FORM_LIMITS: SpeakerLimits = {
  name: SPEAKER_LIMITS.nameMaxLength,
  role: SPEAKER_LIMITS.roleMaxLength,
  affiliation: SPEAKER_LIMITS.affiliationMaxLength,
  alias: SPEAKER_LIMITS.aliasMaxLength,
  aliasesMax: SPEAKER_LIMITS.aliasesMaxItems,
  country: SPEAKER_LIMITS.countryMaxLength,
  description: SPEAKER_LIMITS.descriptionMaxLength,
};

export type TopicLimits = { name: number };

export const TOPIC_FORM_LIMITS: TopicLimits = { name: TOPIC_LIMITS.nameMaxLength };
