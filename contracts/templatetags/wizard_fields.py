from django import template

from contracts.wizard.render import wizard_field

register = template.Library()
register.filter("wizard_field", wizard_field)
