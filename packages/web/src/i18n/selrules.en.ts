/** Strings of the selection rules of issue 13: retakes, class flags, credit-limit raises. */
const selrules = {
  selrules: {
    retakeFor: 'Retake',
    retakeHint: 'You failed this course before: taking it is a retake',
    retakeMode: 'Retake mode',
    retakeModes: {
      follow: 'Sit in this class',
      retake_class: 'Retake class',
      self_study: 'Self-study (exam only; may clash with other classes)',
    },
    flags: {
      title: 'Selection rules',
      gender: 'Gender',
      genderNone: 'Any',
      male: 'Men only',
      female: 'Women only',
      retakeClass: 'Retake class (only for students retaking the course)',
      save: 'Save',
      saved: 'Saved',
      failed: 'Could not save: {{message}}',
      retry: 'Retry',
    },
  },
};
export default selrules;
