"""The offline verifier: ``python -m stint_reputation.verify`` checks a saved
credential's signature, key, dates and revocation status against a saved JWK Set and
status list, without the network and without Stint. It verifies with PyJWT, not with
the library that signs (joserfc), so that one library's mistake cannot hide itself.
"""
