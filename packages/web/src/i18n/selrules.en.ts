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
    raise: {
      apply: 'Apply for more credits',
      title: 'Credit-limit raise',
      rule: 'This round allows at most {{n}} credits. Students without failed courses or holds may ask for a higher limit; the college reviews it and the academic office approves it, after which the new limit applies.',
      maxCredits: 'Credit limit asked for',
      reason: 'Reason',
      submit: 'Submit',
      required: 'Please fill this in',
      loadFailed: 'Could not load your credit-limit raise',
      status: {
        pending: 'Credit-limit raise under review ({{n}} credits)',
        approved: 'Credit-limit raise approved: up to {{n}} credits',
        rejected: 'Credit-limit raise rejected',
        returned: 'Credit-limit raise returned; you may apply again',
        withdrawn: 'Credit-limit raise withdrawn',
      },
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
