-- Lossy counting: forget lines whose count plus delta cannot reach the share `?` (the
-- rules' `error`) of their outlet's articles; they cannot become templates before they recur again.
delete from outlet_lines
where doc_count + delta <= (
    select floor(? * d.doc_count) from outlet_docs as d where d.outlet = outlet_lines.outlet
);
