// Call console: copy Rahai's triage suggestion into the triage fields until the operator
// changes one of them by hand. Works without this script too (the operator picks by hand).
(function () {
  var touched = false;
  var box = document.getElementById("triage-fields");
  if (!box) return;
  box.addEventListener("change", function (event) { if (event.isTrusted) touched = true; });
  function setChecks(name, values) {
    box.querySelectorAll('input[name="' + name + '"]').forEach(function (input) {
      input.checked = values.indexOf(input.value) !== -1;
    });
  }
  document.body.addEventListener("htmx:afterSwap", function () {
    var data = document.getElementById("suggestion-data");
    if (!data || touched) return;
    var cls = box.querySelector('select[name="contact_class"]');
    var urgency = box.querySelector('select[name="urgency"]');
    if (cls && data.dataset.class) cls.value = data.dataset.class;
    if (urgency && data.dataset.urgency) urgency.value = data.dataset.urgency;
    setChecks("case_types", (data.dataset.types || "").split(",").filter(Boolean));
    setChecks("indicators", (data.dataset.indicators || "").split(",").filter(Boolean));
  });
})();
