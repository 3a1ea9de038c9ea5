-- Earlier texts of edited messages: the report shows the latest text, nothing said is lost.
CREATE TABLE message_revisions (
    channel_id     VARCHAR(32)  NOT NULL,
    ts             VARCHAR(32)  NOT NULL,
    edited_at_us   BIGINT       NOT NULL,
    previous_body  ${text_type} NOT NULL,
    PRIMARY KEY (channel_id, ts, edited_at_us)
)${table_options}
