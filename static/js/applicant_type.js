/* 依申请公开 form: the 法人 fields (统一社会信用代码, 法定代表人, 联系人) only for 法人或其他组织, the 证件 fields only
   for 自然人. Without this file both groups show, each with its own heading. Hidden fields are not cleared: the
   server ignores the group that does not apply. */
(function () {
  "use strict";
  var radios = document.querySelectorAll("input[name=applicant_type]");
  var person = document.querySelector("[data-applicant=person]");
  var organization = document.querySelector("[data-applicant=organization]");
  if (!radios.length || !person || !organization) { return; }
  var NATURAL = "natural";
  function update() {
    var chosen = document.querySelector("input[name=applicant_type]:checked");
    var value = chosen ? chosen.value : "";
    person.hidden = value !== "" && value !== NATURAL;
    organization.hidden = value === "" || value === NATURAL;
  }
  radios.forEach(function (radio) { radio.addEventListener("change", update); });
  update();
})();
