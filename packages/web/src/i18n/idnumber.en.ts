/** Strings of the ID-number (证件号码) workstream. */
const idnumber = {
  idnumber: {
    policyIdLast6Note:
      'Under this rule, a person with an ID number gets its last six characters as the initial password (an X stays upper-case); a person without one (or with a number shorter than six) still gets a random password. The handout list says which rule applied to each person, and everyone must change the password at first sign-in.',
    policyIdLast6Risk:
      'Anyone who knows a person’s ID number can work out the initial password: hand the list out soon and remind people to change it.',
    masked: 'ID number partly hidden',
  },
};

export default idnumber;
