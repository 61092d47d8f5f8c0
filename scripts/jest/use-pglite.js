process.env.CAISSE_TEST_DB = 'pglite';
