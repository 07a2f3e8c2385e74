"""What the buyer is asked, in the buyer's words: the steps and their lists (steps), each question's label,
help text and choice names (words), answers as a person reads them (display), and the answers document's
reference (reference). Not the wizard: the wizard builds its forms from these, and the services, selectors,
renders and commands read them without binding a form."""
