"""Placeholder until the app issue lands."""

import streamlit as st

st.set_page_config(page_title="Verifier", page_icon=":mag:", layout="wide")
st.title("Verifier")
st.write("The editors' app is being built.")
