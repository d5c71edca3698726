"""The Education section: youth risk-education sessions and caregiver/staff trainings."""
