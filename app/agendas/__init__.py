"""Residents' meetings: agendas cut from the ranked ideas, printed with QR codes; posters."""
