"""Job-board syndication: which jobs go to which board (boards), the XML feeds and sitemaps
boards pull (feeds), the notifications pushed to boards that take them (deliveries,
adapters), what each job's page says about it (status) and what a board needs of a job
before it takes it (checks)."""
