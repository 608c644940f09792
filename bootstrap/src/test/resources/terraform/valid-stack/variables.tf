variable "name_prefix" {
  type        = string
  description = "Prefix {with braces} for names"
  validation {
    condition     = can(regex("^[a-z]{2,8}$", var.name_prefix))
    error_message = "Use 2-8 lower-case letters."
  }
}

variable location {}

variable "tags" {
  type    = map(string)
  default = {}
}
