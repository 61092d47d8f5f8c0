process.env.CAISSE_TEST_DB = 'postgres';
